# Bash completion for gust: source it from ~/.bashrc, or copy it to
# /usr/share/bash-completion/completions/gust (or ~/.local/share/bash-completion/completions/).

_gust() {
  local cur prev command i
  COMPREPLY=()
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  command=
  for ((i = 1; i < COMP_CWORD; i++)); do
    if [[ ${COMP_WORDS[i]} != -* ]]; then
      command=${COMP_WORDS[i]}
      break
    fi
  done

  if [[ -z $command ]]; then
    COMPREPLY=($(compgen -W "fetch serve bench demo ws example help --help --version" -- "$cur"))
    return
  fi

  case $command in
    fetch)
      case $prev in
        -o | --output | -D | --dump-header | --cacert | --cert | --key | -c | --cookie-jar)
          COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --data-binary | -d | --data)
          [[ $cur == @* ]] && COMPREPLY=($(compgen -P @ -f -- "${cur#@}"))
          return ;;
        -X | --request)
          COMPREPLY=($(compgen -W "GET HEAD POST PUT PATCH DELETE OPTIONS" -- "$cur")); return ;;
        -H | --header | -u | --user | -m | --max-time | --connect-timeout | --max-redirs \
          | --resolve | -w | --write-out | -x | --proxy | -U | --proxy-user | --noproxy \
          | -F | --form | -b | --cookie | --interface | --local-port)
          return ;;
      esac
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "-s --silent -S --show-error -i --include -I --head
          -L --location --max-redirs --post301 --post302 --post303 -f --fail -o --output
          -D --dump-header -X --request -H --header -d --data --data-binary -u --user
          --compressed --connect-timeout -m --max-time -k --insecure --cacert --cert --key
          --resolve -w --write-out --basic --digest --anyauth -b --cookie -c --cookie-jar
          -F --form -x --proxy -U --proxy-user --proxy-basic --proxy-digest --noproxy
          --interface --local-port --http2 --http2-prior-knowledge --http1.1 --help" -- "$cur"))
      fi
      ;;
    serve)
      case $prev in
        --dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
        --cert | --key | --cert-out) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --port | --loops | --max-streams) return ;;
      esac
      COMPREPLY=($(compgen -W "--port --dir --loops --tls --cert --key --cert-out --no-http2
        --max-streams --help" \
        -- "$cur"))
      ;;
    bench)
      case $prev in
        --client) COMPREPLY=($(compgen -W "gust jdk okhttp jetty apache ahc" -- "$cur")); return ;;
        --cacert) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        -c | -d | -n | --warmup | --hold | --sample | --loops) return ;;
      esac
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "-c -d -n --warmup --hold --sample --loops -k --cacert
          --new-connections --http2 --client --json --versions --help" -- "$cur"))
      fi
      ;;
    ws)
      case $prev in
        --cacert) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        -H | --header | --protocol | --connect-timeout | --ping-interval) return ;;
      esac
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "-H --header --protocol -b --binary --no-compression -k
          --insecure --cacert --connect-timeout --ping-interval -s --silent --help" -- "$cur"))
      fi
      ;;
    example)
      if [[ $prev == example ]]; then
        COMPREPLY=($(compgen -W "BlockingVersusOffloaded CallbackStyle FutureStyle ManyAtOnce
          Resolvers Streaming" -- "$cur"))
      fi
      ;;
    help)
      COMPREPLY=($(compgen -W "fetch serve bench demo ws example" -- "$cur"))
      ;;
    *)
      COMPREPLY=($(compgen -W "--help" -- "$cur"))
      ;;
  esac
}

complete -o default -F _gust gust
