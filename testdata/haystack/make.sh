#!/usr/bin/env bash
# make.sh [OUT] - build citebot's haystack corpus: the seed corpus hidden among
# several MB of other real text from this machine's Debian packages.
#
# OUT (default /tmp/citebot-haystack) receives
#   seed/         the repo's seeds/*.txt and seeds/*.md, unchanged
#   distractors/  licences/  /usr/share/common-licenses/*
#                 doc/       README, NEWS, FAQ, TODO, copyright, *.md, *.txt, *.rst
#                            from /usr/share/doc (gunzipped; changelogs and HTML left out)
#                 man/       man pages of sections 1, 5, 7 and 8, rendered to plain text
#   .manifest.tsv each distractor file with the path it came from
#
# Only text files are written, as .txt or .md, with safe names; identical texts
# are kept once; each file is cut to PER_FILE_MAX bytes at a line end. Files are
# taken in a fixed pseudo-random order (sha256 of the source path), so the result
# is the same on every run on the same machine, and budgets sample all packages
# rather than the first letters of the alphabet. Re-running replaces seed/,
# distractors/ and .manifest.tsv and touches nothing else; a non-empty OUT that
# this script did not create is refused.
#
# Environment: DOC_BUDGET, MAN_BUDGET (bytes per category; defaults 6000000 and
# 3000000), PER_FILE_MAX (default 49152).
set -euo pipefail

OUT=${1:-/tmp/citebot-haystack}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DOC_BUDGET=${DOC_BUDGET:-6000000}
MAN_BUDGET=${MAN_BUDGET:-3000000}
PER_FILE_MAX=${PER_FILE_MAX:-49152}
MIN_BYTES=200
export LC_ALL=C

if [[ ! -d $ROOT/seeds ]]; then
	echo "make.sh: no seeds/ folder under $ROOT" >&2
	exit 1
fi
if [[ -e $OUT && ! -d $OUT ]]; then
	echo "make.sh: $OUT is not a folder" >&2
	exit 1
fi
if [[ -d $OUT && ! -e $OUT/.citebot-haystack && -n $(ls -A "$OUT") ]]; then
	echo "make.sh: $OUT is not empty and was not made by this script; give another folder" >&2
	exit 1
fi
mkdir -p "$OUT"
touch "$OUT/.citebot-haystack"
rm -rf "$OUT/seed" "$OUT/distractors" "$OUT/.manifest.tsv"
mkdir -p "$OUT/seed" "$OUT/distractors/licences" "$OUT/distractors/doc" "$OUT/distractors/man"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# --- seed ---
nseed=0
for f in "$ROOT"/seeds/*.txt "$ROOT"/seeds/*.md; do
	[[ -f $f ]] || continue
	cp "$f" "$OUT/seed/"
	nseed=$((nseed + 1))
done
if ((nseed == 0)); then
	echo "make.sh: no .txt or .md document in $ROOT/seeds" >&2
	exit 1
fi

declare -A SEEN     # sha256 of kept texts
declare -A USED     # output names
TOTAL=0

safe() { # safe file name stem
	printf '%s' "$1" | tr -c 'A-Za-z0-9._-' '_' | tr -s '_' | sed 's/^[._-]*//'
}

# keep FILE DEST_DIR STEM EXT ORIGIN BUDGET_VAR: clean up a rendered text in
# FILE and write it to DEST_DIR/STEM.EXT unless it is not text, too short, a
# duplicate, or over the category budget. Returns 0 when written.
keep() {
	local file=$1 dir=$2 stem=$3 ext=$4 origin=$5 budget_var=$6
	local clean=$TMP/clean
	# text only: no NUL bytes; not valid UTF-8 -> read as Latin-1
	if grep -qP '\x00' "$file" 2>/dev/null; then return 1; fi
	if ! iconv -f UTF-8 -t UTF-8 "$file" >/dev/null 2>&1; then
		iconv -f ISO-8859-1 -t UTF-8 "$file" >"$TMP/conv" || return 1
		mv "$TMP/conv" "$file"
	fi
	# drop CR and form feeds, cut at PER_FILE_MAX on a line end
	tr -d '\r\f' <"$file" | awk -v max="$PER_FILE_MAX" '
		{ n += length($0) + 1; if (n > max) exit; print }' >"$clean"
	local size
	size=$(wc -c <"$clean")
	((size >= MIN_BYTES)) || return 1
	local sum
	sum=$(sha256sum "$clean" | cut -d' ' -f1)
	[[ -z ${SEEN[$sum]:-} ]] || return 1
	local left=${!budget_var}
	((size <= left)) || return 1
	local name=$stem.$ext
	if [[ -n ${USED[$dir/$name]:-} ]]; then name=$stem-${sum:0:8}.$ext; fi
	SEEN[$sum]=1
	USED[$dir/$name]=1
	cp "$clean" "$OUT/distractors/$dir/$name"
	printf '%s\t%s\n' "distractors/$dir/$name" "$origin" >>"$OUT/.manifest.tsv"
	printf -v "$budget_var" '%d' $((left - size))
	TOTAL=$((TOTAL + size))
	return 0
}

# shuffled: read paths on stdin, print them in sha256-of-path order.
shuffled() {
	while IFS= read -r p; do
		printf '%s\t%s\n' "$(printf '%s' "$p" | sha256sum | cut -c1-16)" "$p"
	done | sort | cut -f2-
}

# --- licences: all of them, no budget ---
LIC_BUDGET=100000000
nlic=0
for f in /usr/share/common-licenses/*; do
	[[ -f $f ]] || continue
	cat "$f" >"$TMP/raw"
	if keep "$TMP/raw" licences "$(safe "$(basename "$f")")" txt "$f" LIC_BUDGET; then
		nlic=$((nlic + 1))
	fi
done

# --- /usr/share/doc ---
ndoc=0
while IFS= read -r f; do
	rel=${f#/usr/share/doc/}
	base=${rel%.gz}
	case ${base,,} in
	*.md | *.markdown) ext=md ;;
	*) ext=txt ;;
	esac
	stem=$(safe "${base//\//__}")
	stem=${stem%.md}
	stem=${stem%.markdown}
	stem=${stem%.txt}
	case $f in
	*.gz) zcat -- "$f" >"$TMP/raw" 2>/dev/null || continue ;;
	*) cat -- "$f" >"$TMP/raw" ;;
	esac
	if keep "$TMP/raw" doc "$stem" "$ext" "$f" DOC_BUDGET; then
		ndoc=$((ndoc + 1))
	fi
	((DOC_BUDGET >= MIN_BYTES)) || break
done < <(find /usr/share/doc -type f \
	\( -iname 'README*' -o -iname 'NEWS*' -o -iname 'FAQ*' -o -iname 'TODO*' \
	-o -name copyright -o -iname '*.md' -o -iname '*.md.gz' -o -iname '*.markdown' \
	-o -iname '*.txt' -o -iname '*.txt.gz' -o -iname '*.rst' -o -iname '*.rst.gz' \) \
	! -iname '*changelog*' ! -iname '*.html*' ! -iname '*.htm' | shuffled)

# --- man pages (English sections 1, 5, 7, 8; the thousands of generated
# gcloud pages are left out so that no single tool dominates) ---
nman=0
while IFS= read -r f; do
	base=$(basename "$f")
	base=${base%.gz}
	MANROFFOPT='-rHY=0' MANWIDTH=80 LC_ALL=C.UTF-8 man -l -P cat -- "$f" 2>/dev/null |
		col -bx >"$TMP/raw" || true
	if keep "$TMP/raw" man "$(safe "man-$base")" txt "$f" MAN_BUDGET; then
		nman=$((nman + 1))
	fi
	((MAN_BUDGET >= MIN_BYTES)) || break
done < <(find /usr/share/man/man1 /usr/share/man/man5 /usr/share/man/man7 /usr/share/man/man8 \
	-type f ! -name 'gcloud*' | shuffled)

sort -o "$OUT/.manifest.tsv" "$OUT/.manifest.tsv"
seedbytes=$(cat "$OUT"/seed/* | wc -c)
echo "make.sh: $OUT: $nseed seed file(s) ($seedbytes bytes); distractors: $nlic licences, $ndoc doc files, $nman man pages, $TOTAL bytes"
