# info takes no --mode
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap info u8.bin --mode r+
status: 2
--- stderr
ndmap: info maps files read-only (--mode is not accepted)
Try 'ndmap info --help' for more information.
