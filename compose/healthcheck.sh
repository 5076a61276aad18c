#!/bin/bash
# The container's health: GET /observe/health on the REST port answers 2xx. bash's /dev/tcp, because the JRE
# image has no HTTP client to rely on.
exec 3<>"/dev/tcp/127.0.0.1/${SERVER_PORT:-8080}" || exit 1
printf 'GET /observe/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
read -r -t 5 _ status _ <&3 || exit 1
[[ "$status" == 2* ]]
