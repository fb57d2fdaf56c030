Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Contact: Sebastiano Vigna <vigna@dsi.unimi.it>
Source: http://ne.di.unimi.it/
Upstram-Name: ne

Files: *
Copyright: 1993-1998 Sebastiano Vigna <vigna@dsi.unimi.it>
 1999-2022 Todd M. Lewis <Todd_Lewis@unc.edu> and Sebastiano Vigna <vigna@dsi.unimi.it>
 1992,2004 Joseph H. Allen
 1985, 1995 Free Software Foundation, Inc.
 2001 Marek 'Marx' Grac
License: GPL-3.0+

Files: debian/*
Copyright: 2001-2006 Carlo Contavalli <ccontavalli@debian.org>
 2009 Sven Joachim <svenjoac@gmx.de>
 2010-2022 Julián Moreno Patiño <julian@debian.org>
License: GPL-3.0+

Files: src/regcomp.c src/regex.c src/regexec.c src/regex.h src/regex_internal.c src/regex_internal.h
Copyright: 1985,1989-93,1995-98,2000,2001,2002,2003,2004,2005,2006,2007,2008,2009 Free Software Foundation, Inc.
License: LGPL-2.1+
 The GNU C Library is free software; you can redistribute it and/or
 modify it under the terms of the GNU Lesser General Public
 License as published by the Free Software Foundation; either
 version 2.1 of the License, or (at your option) any later version.
 .
 The GNU C Library is distributed in the hope that it will be useful,
 but WITHOUT ANY WARRANTY; without even the implied warranty of
 MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU
 Lesser General Public License for more details.
 .
 You should have received a copy of the GNU Lesser General Public
 License along with the GNU C Library; if not, write to the Free
 Software Foundation, Inc., 51 Franklin St, Fifth Floor, Boston,
 MA 02110-1301, USA.

Files: src/tparam.c src/termcap.c src/termcap.h
Copyright: 1985, 1986-1987, 1991-1995, 2000, 2001 Free Software Foundation, Inc.
License: GPL-2.0+
 This package is free software; you can redistribute it and/or modify
 it under the terms of the GNU General Public License as published by
 the Free Software Foundation; either version 2 of the License, or
 (at your option) any later version.
 .
 This package is distributed in the hope that it will be useful,
 but WITHOUT ANY WARRANTY; without even the implied warranty of
 MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 GNU General Public License for more details.
 .
 You should have received a copy of the GNU General Public License
 along with this program. If not, see <http://www.gnu.org/licenses/>
 .
 On Debian systems, the complete text of the GNU General
 Public License version 2 can be found in "/usr/share/common-licenses/GPL-2".

License: GPL-3.0+
 This program is free software: you can redistribute it and/or modify
 it under the terms of the GNU General Public License as published by
 the Free Software Foundation, either version 3 of the License, or
 (at your option) any later version.
 .
 This package is distributed in the hope that it will be useful,
 but WITHOUT ANY WARRANTY; without even the implied warranty of
 MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 GNU General Public License for more details.
 .
 You should have received a copy of the GNU General Public License
 along with this program. If not, see <http://www.gnu.org/licenses/>.
 .
 On Debian systems, the complete text of the GNU General
 Public License version 3 can be found in "/usr/share/common-licenses/GPL-3".
