Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Zsh (Z Shell)
Upstream-Contact: zsh-workers@zsh.org
Source: https://www.zsh.org/pub/

Files: *
Copyright: 1992-2022 The Zsh Development Group (Paul Falstad, Richard
           Coleman, Zoltán Hidvégi, Andrew Main, Peter W. Stephenson,
           Sven Wischnowsky, and others).  All rights reserved.
           Individual authors, whether or not specifically named,
           retain copyright in all changes.
Comment:
 The Z shell is distributed under the following licence; any
 provisions made in individual files take precedence.
License: Zsh

Files: debian/*
Copyright: 1996 Robert Leslie <rob@mars.org>
           1997-2011 Clint Adams <clint@debian.org>
           2011-2012 Michael Prokop <mika@debian.org>
           2011-2014 Frank Terbeck <ft@bewatermyfriend.org>
           2011-2023 Axel Beckert <abe@debian.org>
           2012-2013 Richard Hartmann <richih@debian.org>
License: Expat

Files: Src/compat.c
Comment: This applies to portions of Src/compat.c, the remainder is
 under the copyright of The Zsh Development Group and licensed under
 the Zsh license as mentioned above.
Copyright: 1990, 1993 The Regents of the University of California
License: BSD-3

Files: Completion/Unix/Command/_darcs
Copyright: 2009 Nicolas Pouillard
License: GPL-2+

Files: Completion/openSUSE/Command/_osc
Copyright: 2009, 2010 Holger Macht <holger@homac.de>
License: GPL-2

Files: Completion/openSUSE/Command/_zypper
Copyright: 2009 Holger Macht <holger@homac.de>
           2014 Thomas Mitterfellner <thomas.mitterfellner@gmail.com>
           2014 Mariusz Fik <fisiu@opensuse.org>
License: GPL-2

Files: Misc/make-zsh-urls
Copyright: 1999 Adam Spiers <adam@spiers.net>
License: Artistic or GPL-1+ or Zsh
Comment:
 This program is free software; you can redistribute it and/or modify
 it under the same terms as Perl or zsh.

Files: Etc/FAQ.yo
Copyright: 1995-2000, 2012 Peter W. Stephenson
License: PWS-Zsh-FAQ
 This text originates in the U.K. and the author asserts his moral
 rights under the Copyrights, Designs and Patents Act, 1988.
 .
 Permission is hereby granted, without written agreement and without
 license or royalty fees, to use, copy, modify, and distribute this
 documentation for any purpose, provided that the above copyright
 notice appears in all copies of this documentation.

License: Zsh
 Permission is hereby granted, without written agreement and without
 licence or royalty fees, to use, copy, modify, and distribute this
 software and to distribute modified versions of this software for any
 purpose, provided that the above copyright notice and the following
 two paragraphs appear in all copies of this software.
 .
 In no event shall the copy right owners liable to any party for
 direct, indirect, special, incidental, or consequential damages
 arising out of the use of this software and its documentation, even
 if and the copyright owners have been advised of the possibility of
 such damage.
 .
 The copyright owners specifically disclaim any warranties, including,
 but not limited to, the implied warranties of merchantability and
 fitness for a particular purpose.  The software provided hereunder is
 on an "as is" basis, and the copyright owners have no obligation to
 provide maintenance, support, updates, enhancements, or
 modifications.

License: Expat
 Permission is hereby granted, free of charge, to any person obtaining
 a copy of this software and associated documentation files (the
 "Software"), to deal in the Software without restriction, including
 without limitation the rights to use, copy, modify, merge, publish,
 distribute, sublicense, and/or sell copies of the Software, and to
 permit persons to whom the Software is furnished to do so, subject to
 the following conditions:
 .
 The above copyright notice and this permission notice shall be included
 in all copies or substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,
 EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
 MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT.
 IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY
 CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT,
 TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE
 SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.

License: BSD-3
 Redistribution and use in source and binary forms, with or without
 modification, are permitted provided that the following conditions
 are met:
 .
 * Redistributions of source code must retain the above copyright
   notice, this list of conditions and the following disclaimer.
 * Redistributions in binary form must reproduce the above copyright
   notice, this list of conditions and the following disclaimer in the
   documentation and/or other materials provided with the
   distribution.
 * Neither the name of the <organization> nor the names of its
   contributors may be used to endorse or promote products derived
   from this software without specific prior written permission.
 .
 THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS
 "AS IS" AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT
 LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR
 A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL <COPYRIGHT
 HOLDER> BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL,
 EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO,
 PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR
 PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY
 OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT
 (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.

License: GPL-2+
 This program is free software; you can redistribute it and/or modify
 it under the terms of the GNU General Public License as published by
 the Free Software Foundation; either version 2 of the License, or (at
 your option) any later version.
 .
 On Debian systems, the full text of the GNU General Public License
 version 2 can be found in `/usr/share/common-licenses/GPL-2'.

License: GPL-2
 On Debian systems, the full text of the GNU General Public License
 version 2 can be found in `/usr/share/common-licenses/GPL-2'.

License: GPL-1+
 This program is free software; you can redistribute it and/or modify
 it under the terms of the GNU General Public License as published by
 the Free Software Foundation; either version 1 of the License, or (at
 your option) any later version.
 .
 On Debian systems, the full text of the GNU General Public License
 version 1 can be found in `/usr/share/common-licenses/GPL-1'.

License: Artistic
 On Debian GNU/Linux systems, the complete text of the
 Artistic Licence can be found in `/usr/share/common-licenses/Artistic'.
