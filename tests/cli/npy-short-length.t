# EOF in the header length
setup: printf '\223NUMPY\001\000v' > bad.npy
run: ndmap show bad.npy; ndmap info bad.npy
status: 1
--- stderr
ndmap: ValueError: EOF: reading array header length, expected 2 bytes got 1
ndmap: ValueError: EOF: reading array header length, expected 2 bytes got 1
