Format: http://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Contact: bug-gawk@gnu.org
Source: http://ftp.gnu.org/gnu/gawk/
Files-Excluded: doc/*.texi doc/*/*.texi doc/*.info doc/*/*.info doc/gawktexi.in

Files: *
Copyright: 1986-2014, Free Software Foundation, Inc.
License: GPL-3+

Files: debian/*
Copyright: 1995-1997, Chris Fearnley <cjf@netaxs.com>
           1998-2006, James Troup <james@nocrew.org>
           2008-2010, Arthur Loiret <aloiret@debian.org>
           2011-2014, Jeroen Schot <schot@a-eskwadraat.nl>
License: GPL-3+

License: GPL-3+
 This program is free software: you can redistribute it and/or modify
 it under the terms of the GNU General Public License as published by
 the Free Software Foundation, either version 3 of the License, or
 (at your option) any later version.
 .
 This program is distributed in the hope that it will be useful,
 but WITHOUT ANY WARRANTY; without even the implied warranty of
 MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 GNU General Public License for more details.
 .
 You should have received a copy of the GNU General Public License
 along with this program.  If not, see <http://www.gnu.org/licenses/>.
 .
 On Debian systems, the full text of the GNU General Public License
 version 3 can be found in the file `/usr/share/common-licenses/GPL-3'.
