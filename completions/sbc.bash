# bash completion for sbc-check, sbc-subsidy and sbc-validate (one script; installed once per
# command name, so bash-completion's lazy loading finds it under any of the three).
#
# Nothing about the options is written here: they are read from the tool being completed, each
# time, so options, --format values and rule packs added later need no change in this file.
#   - the options, and how many values each takes, from `TOOL --help` (CLI11's layout: an option
#     line is indented, then `-s,--long TYPE`, then two or more spaces and the description; a TYPE
#     ending in ` x N` takes N values, one ending in ` ...` takes values up to the next option);
#   - the values of an option whose TYPE lists them as `{a,b,c}` (--format, --lang, --color, --form);
#   - the built-in rule packs from `TOOL --list-rules` (the id is the first word of each line
#     that is not indented), for any option with "rules" in its name that takes a value.
# Needs bash 4 (associative arrays), not the bash-completion package.

# Adds the case files under "$1" to COMPREPLY: *.yaml, *.yml and directories.
_sbc_files() {
  local file
  compopt -o filenames 2>/dev/null  # quote and slash them; fails harmlessly outside completion
  while IFS= read -r file; do
    [[ -d $file || $file == *.yaml || $file == *.yml ]] && COMPREPLY+=("$file")
  done < <(compgen -f -- "$1")
}

# Adds the built-in pack ids of tool "$1" that start with "$2" to COMPREPLY.
_sbc_packs() {
  local line ids=()
  while IFS= read -r line; do
    [[ $line == [![:space:]]* ]] && ids+=("${line%%[[:space:]]*}")
  done < <("$1" --list-rules 2>/dev/null)
  mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -W "${ids[*]}" -- "$2")
}

_sbc() {
  local tool=${COMP_WORDS[0]/#\~/$HOME} cword=$COMP_CWORD
  local cur=${COMP_WORDS[cword]}
  COMPREPLY=()

  # nargs[NAME]: values the option takes (0 a flag, -1 any number); types[NAME]: its TYPE text.
  local -A nargs=() types=()
  local line head names type n name
  while IFS= read -r line; do
    [[ $line =~ ^\ +- ]] || continue
    head=${line#"${line%%-*}"}  # drop the indent
    head=${head%%  *}           # drop the description
    names=${head%% *}
    type=${head#"$names"} type=${type# }
    if [[ -z $type ]]; then n=0
    elif [[ $type == *' ...' ]]; then n=-1
    elif [[ $type =~ \ x\ ([0-9]+)$ ]]; then n=${BASH_REMATCH[1]}
    else n=1
    fi
    for name in ${names//,/ }; do nargs[$name]=$n types[$name]=$type; done
  done < <("$tool" --help 2>/dev/null)

  # Walk the words before the cursor: which option, if any, is still owed values?
  local i word option='' owed=0 options_done=''
  for ((i = 1; i < cword; i++)); do
    word=${COMP_WORDS[i]}
    if ((owed == -1)) && [[ $word == -?* ]]; then
      owed=0  # an option ends a list of values
    elif ((owed != 0)); then
      # With '=' in COMP_WORDBREAKS, `--rules=x` arrives as three words: --rules, =, x.
      [[ $word == = ]] || ((owed > 0 && owed--))
      continue
    fi
    if [[ -z $options_done && $word == -- ]]; then options_done=1
    elif [[ -z $options_done && -n ${nargs[$word]+set} ]]; then option=$word owed=${nargs[$word]}
    fi
  done

  # The value being typed, if it is one: `--opt x`, `--opt=x` split at '=', or `--opt=x` whole.
  local value='' prefix=''
  if ((owed != 0)) && ! { ((owed == -1)) && [[ $cur == -* ]]; }; then
    value=$cur
    [[ $value == = ]] && value=''
  elif [[ -z $options_done && $cur == --*=* && ${nargs[${cur%%=*}]:-0} != 0 ]]; then
    option=${cur%%=*} value=${cur#*=} prefix=$option=
  else
    option=''
  fi

  if [[ -n $option ]]; then
    type=${types[$option]}
    if [[ $type =~ \{([^}]*)\} ]]; then
      mapfile -t COMPREPLY < <(compgen -W "${BASH_REMATCH[1]//,/ }" -- "$value")
    elif [[ $option == *rules* ]]; then
      _sbc_packs "$tool" "$value"
      _sbc_files "$value"
    elif [[ $type == *FILE* || $type == *DIR* ]]; then
      _sbc_files "$value"
    fi  # anything else (a date, a number, NAME=N) has nothing to offer
    [[ -n $prefix ]] && COMPREPLY=("${COMPREPLY[@]/#/$prefix}")
  elif [[ -z $options_done && $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "${!nargs[*]}" -- "$cur")
    [[ $cur == - ]] && COMPREPLY+=(-)
  else
    _sbc_files "$cur"
    [[ -z $cur ]] && COMPREPLY+=(-)  # standard input
  fi
  return 0
}

complete -F _sbc sbc-check sbc-subsidy sbc-validate
