/**
 * The shell completion scripts. Each asks `novash __complete <shell> ...` for the candidates of
 * the word at the cursor, answered from the completion caches (a cache never filled is filled
 * once from the cloud, within 2 s); nothing falls back to file names except file options.
 */

/** What `__complete` answers when the word is a file name: the shell completes it itself. */
export const FILES_MARKER = '__files__';

export function bashScript(): string {
  return `# novash bash completion: eval "$(novash completion bash)" (e.g. in ~/.bashrc)
_novash() {
  local line cur
  COMPREPLY=()
  # novash splits the line itself and escapes what it answers, so a name with spaces or
  # shell metacharacters comes back as one word; nothing in it is expanded here.
  while IFS= read -r line; do
    COMPREPLY+=("$line")
  done < <(novash __complete bash "$COMP_WORDBREAKS" "\${COMP_LINE:0:COMP_POINT}" 2>/dev/null)
  if [[ \${COMPREPLY[0]-} == ${FILES_MARKER} ]]; then
    COMPREPLY=()
    compopt -o filenames 2>/dev/null
    cur=\${COMP_WORDS[COMP_CWORD]}
    [[ $cur == [=:] ]] && cur=
    while IFS= read -r line; do
      COMPREPLY+=("$line")
    done < <(compgen -f -- "$cur")
  fi
  return 0
}
complete -F _novash novash
`;
}

export function zshScript(): string {
  return `#compdef novash
# novash zsh completion. Either save it as _novash in a directory of $fpath:
#   novash completion zsh > "\${fpath[1]}/_novash"     (then start a new shell)
# or, in ~/.zshrc after compinit:  source <(novash completion zsh)
_novash() {
  local -a lines values shown
  local line
  lines=("\${(@f)$(novash __complete zsh $((CURRENT - 2)) "\${(@Q)words[2,CURRENT-1]}" "\${(Q)PREFIX}" 2>/dev/null)}")
  if [[ \${lines[1]-} == ${FILES_MARKER} ]]; then
    [[ $PREFIX == -*=* ]] && compset -P '*='
    _files
    return
  fi
  for line in "\${lines[@]}"; do
    [[ -z $line ]] && continue
    values+=("\${line%%$'\\t'*}")
    if [[ $line == *$'\\t'* ]]; then
      shown+=("\${line%%$'\\t'*}  -- \${line#*$'\\t'}")
    else
      shown+=("$line")
    fi
  done
  (( \${#values} )) || return 1
  if [[ $PREFIX == --*=* ]]; then
    # --flavor=m1<TAB>: show and insert the values after the '='.
    local option=\${PREFIX%%=*}=
    compset -P '*='
    values=("\${(@)values#$option}")
    compadd -a values
  elif [[ \${lines[1]} == *$'\\t'* ]]; then
    compadd -l -d shown -a values
  else
    compadd -a values
  fi
}

if [[ \${zsh_eval_context[-1]-} == loadautofunc ]]; then
  _novash "$@"
else
  compdef _novash novash
fi
`;
}

export function fishScript(): string {
  return `# novash fish completion: novash completion fish > ~/.config/fish/completions/novash.fish
function __novash_complete
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l current (commandline -ct)
    set -l out (novash __complete fish (count $tokens) $tokens "$current" 2>/dev/null)
    if test "$out[1]" = ${FILES_MARKER}
        set -l option (string match -r -- '^--[^=]*=' "$current")
        for f in (__fish_complete_path (string replace -r -- '^--[^=]*=' '' "$current"))
            printf '%s%s\\n' "$option" $f
        end
        return
    end
    printf '%s\\n' $out
end
complete -c novash -f -a '(__novash_complete)'
`;
}
