#!/usr/bin/env bash
# The shell completions offer what the tools take.
#   completions_check.sh TOOL_DIR SRC_DIR
# The completions read each tool's --help and --list-rules when they run, so this runs them
# against the built tools: bash always; zsh and fish when they are installed (skipped if not).
# shellcheck disable=SC2317  # bash_complete and fish_complete are called as "${shell}_complete"
set -u
tool_dir=$(cd "$1" && pwd) completions=$(cd "$2/completions" && pwd) || exit 2
export PATH=$tool_dir:$PATH
tools=(sbc-check sbc-subsidy sbc-validate)
fail=0
problem() { echo "completions: $*"; fail=1; }
for tool in "${tools[@]}"; do
  "$tool" --help >/dev/null || { echo "completions: $tool --help does not run from $tool_dir"; exit 2; }
done

# File completion is checked in a directory of known files.
scratch=$(mktemp -d) && trap 'rm -rf "$scratch"' EXIT
cd "$scratch" && mkdir cases && touch a.yaml b.yml notes.txt || exit 2

# The long options a tool's --help names.
options_of() { "$1" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u; }

# expect SHELL LINE WORD...: completing the end of LINE in SHELL offers every WORD.
expect() {
  local shell=$1 line=$2 offered word
  shift 2
  offered=$("${shell}_complete" "$line") || { problem "$shell: completing '$line' failed"; return; }
  for word; do
    grep -qxF -- "$word" <<<"$offered" || problem "$shell: '$line' does not offer $word (offers: ${offered//$'\n'/ })"
  done
}
# refuse SHELL LINE WORD...: completing LINE offers none of the WORDs.
refuse() {
  local shell=$1 line=$2 offered word
  shift 2
  offered=$("${shell}_complete" "$line")
  for word; do
    grep -qxF -- "$word" <<<"$offered" && problem "$shell: '$line' offers $word"
  done
}

# Every option, the rule packs, the enumerated values and the case files, in one shell.
check_shell() {
  local shell=$1
  local tool options
  for tool in "${tools[@]}"; do
    mapfile -t options < <(options_of "$tool")
    expect "$shell" "$tool --" "${options[@]}"
  done
  expect "$shell" "sbc-check --rules sh" shandong-2020 shandong-2023
  expect "$shell" "sbc-check --format j" json jsonl
  expect "$shell" "sbc-check --la" --lang
  expect "$shell" "sbc-check --color " auto always never
  expect "$shell" "sbc-subsidy --format m" markdown
  expect "$shell" "sbc-subsidy --form " markdown html pdf
  refuse "$shell" "sbc-validate --format " csv markdown
}

# --- bash: the script's function, called as bash calls it on a Tab ------------------------------
# shellcheck source=/dev/null
source "$completions/sbc.bash" || problem "bash: sbc.bash does not load"
bash_complete() {
  COMP_LINE=$1 COMP_POINT=${#1}
  read -ra COMP_WORDS <<<"$1"
  [[ $1 == *' ' ]] && COMP_WORDS+=('')
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  _sbc && printf '%s\n' "${COMPREPLY[@]}"
}
for tool in "${tools[@]}"; do
  [[ $(complete -p "$tool" 2>/dev/null) == *"-F _sbc"* ]] || problem "bash: no completion registered for $tool"
done
check_shell bash
expect bash "sbc-check " a.yaml b.yml cases -
refuse bash "sbc-check " notes.txt
expect bash "sbc-check --rules=sh" --rules=shandong-2020
expect bash "sbc-subsidy --window 2020-01-01 2020-12-31 " a.yaml
refuse bash "sbc-subsidy --window 2020-01-01 " a.yaml  # still owed END, a date

# --- zsh: the specs _arguments is given, and the pack ids (no terminal needed) ------------------
if command -v zsh >/dev/null; then
  zsh -n "$completions/_sbc" || problem "zsh: _sbc does not parse"
  for tool in "${tools[@]}"; do
    specs=$(zsh -f -c '_call_program() { shift; eval "$@"; }; _arguments() { print -rl -- "$@"; }
                       words=("$1" ""); source "$2"' zsh "$tool" "$completions/_sbc" 2>&1)
    for option in $(options_of "$tool"); do
      grep -qE -- "^(\([^)]*\))?\*?${option}[=[]" <<<"$specs" || problem "zsh: $tool has no spec for $option"
    done
  done
  grep -qE -- '^--format=\[.*:\(text json jsonl junit sarif github\)$' <<<"$specs" ||
    problem "zsh: sbc-validate --format does not complete text json jsonl junit sarif github"
  packs=$(zsh -f -c '_call_program() { shift; eval "$@"; }; _arguments() { :; }
                     _alternative() { print -rl -- "$@"; }; words=(sbc-check ""); source "$1"; _sbc_packs' \
                     zsh "$completions/_sbc" 2>&1)
  grep -qE '\(.*shandong-2020 shandong-2023.*\)' <<<"$packs" || problem "zsh: --rules does not offer the packs: $packs"
fi

# --- fish: fish's own `complete -C`, on the file installed as each tool's (TOOL.fish) -------------
if command -v fish >/dev/null; then
  fish --no-execute "$completions/sbc.fish" || problem "fish: sbc.fish does not parse"
  mkdir -p "$scratch/fish" && for tool in "${tools[@]}"; do cp "$completions/sbc.fish" "$scratch/fish/$tool.fish"; done
  fish_complete() {
    # shellcheck disable=SC2016  # fish's own $argv
    fish --no-config -c 'source $argv[1]; complete -C$argv[2]' "$scratch/fish/${1%% *}.fish" "$1" | cut -f1
  }
  check_shell fish
  expect fish "sbc-check " a.yaml b.yml cases/ -
  refuse fish "sbc-check " notes.txt
fi

((fail)) && echo "completions: FAILED" >&2
exit $fail
