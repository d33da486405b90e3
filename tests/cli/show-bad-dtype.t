# unknown dtype
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap show u8.bin --dtype float33
status: 1
--- stderr
ndmap: TypeError: data type 'float33' not understood
