# fish completion for sbc-check, sbc-subsidy and sbc-validate. fish loads a completion by the
# command's name, so this one file is installed three times, as sbc-check.fish, sbc-subsidy.fish and
# sbc-validate.fish; each completes its own tool (under any other name it completes all three).
#
# Nothing about the options is written here: they are read from the tool when fish first loads
# this file, so options, --format values and rule packs added later need no change here.
#   - the options, their descriptions and whether they take a value, from `TOOL --help` (CLI11's
#     layout: an option line is indented, then `-s,--long TYPE`, then two or more spaces and the
#     description, or the description alone on the next line);
#   - the values of an option whose TYPE lists them as `{a,b,c}` (--format, --lang, --color, --form);
#   - the built-in rule packs from `TOOL --list-rules` (the id is the first word of each line
#     that is not indented), each time they are completed, for any option with "rules" in its
#     name that takes a value.
# fish cannot say that an option takes two values (--window START END): the second is completed
# as a case file.

function __sbc_case_files --description 'sbc case files: *.yaml, *.yml and directories'
    # fish's own file completion (it knows ~, quoting and descriptions), for a command that has none.
    complete -C"__sbc_no_such_command "(commandline -ct) | string match -r '^[^\t]*(?:/|\.ya?ml)(?:\t.*)?$'
end

function __sbc_packs --argument-names tool --description 'sbc built-in rule packs, and pack files'
    $tool --list-rules 2>/dev/null | string replace -rf '^(\S+).*' '$1\tbuilt-in rule pack'
    __sbc_case_files
end

function __sbc_complete --argument-names tool --description 'Complete an sbc tool from its --help'
    command -q $tool; or return
    set -l names
    set -l types
    set -l descs
    for line in ($tool --help 2>/dev/null)
        if string match -qr '^ +-' -- $line
            set -l head (string trim -l -- $line | string replace -r '  .*' '')
            set -a names (string split -f1 ' ' -- $head)
            set -a types (string replace -r '^\S+ ?' '' -- $head)
            set -a descs (string replace -rf '^ +\S.*?  +' '' -- $line; or echo '')
        else if set -q names[1]; and test -z "$descs[-1]"; and string match -qr '^ +[^- ]' -- $line
            set descs[-1] (string trim -- $line) # a long option line has its description below
        end
    end

    for i in (seq (count $names))
        set -l spec -c $tool -d $descs[$i]
        for name in (string split , -- $names[$i])
            if string match -q -- '--*' $name
                set -a spec -l (string sub -s 3 -- $name)
            else
                set -a spec -s (string sub -s 2 -- $name)
            end
        end
        set -l type $types[$i]
        if test -z "$type"
            # a flag
        else if set -l values (string match -r '\{([^}]*)\}' -- $type)
            set -a spec -x -a (string replace -a , ' ' -- $values[2])
        else if string match -q -- '*rules*' $names[$i]
            set -a spec -x -a "(__sbc_packs $tool)"
        else if string match -qr 'FILE|DIR' -- $type
            set -a spec -x -a '(__sbc_case_files)'
        else
            set -a spec -x # a date, a number, NAME=N: nothing to offer
        end
        complete $spec
    end
    # The cases: files, directories, or - for standard input.
    complete -c $tool -f -a '(__sbc_case_files)'
    complete -c $tool -f -a - -d 'standard input'
end

set -l __sbc_self (basename (status filename) .fish)
if contains -- $__sbc_self sbc-check sbc-subsidy sbc-validate
    __sbc_complete $__sbc_self
else
    for __sbc_tool in sbc-check sbc-subsidy sbc-validate
        __sbc_complete $__sbc_tool
    end
end
