# EOF in the header
setup: printf '\223NUMPY\001\000\166\000{}' > bad.npy
run: ndmap show bad.npy; ndmap info bad.npy
status: 1
--- stderr
ndmap: ValueError: EOF: reading array header, expected 118 bytes got 2
ndmap: ValueError: EOF: reading array header, expected 118 bytes got 2
