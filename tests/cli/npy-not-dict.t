# the header is not a dict
setup: printf '\223NUMPY\001\000\166\000' > bad.npy && printf '%-117s\n' '[1, 2]' >> bad.npy
run: ndmap show bad.npy; ndmap info bad.npy
status: 1
--- stderr
ndmap: ValueError: Header is not a dictionary: [1, 2]
ndmap: ValueError: Header is not a dictionary: [1, 2]
