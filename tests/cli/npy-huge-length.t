# a corrupt header length: numpy's EOF error, no huge allocation
setup: printf '\223NUMPY\002\000\377\377\377\177abc' > bad.npy
run: ndmap show bad.npy; ndmap info bad.npy
status: 1
--- stderr
ndmap: ValueError: EOF: reading array header, expected 2147483647 bytes got 3
ndmap: ValueError: EOF: reading array header, expected 2147483647 bytes got 3
