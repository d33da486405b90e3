# any Python literal: bytes
setup: printf '\223NUMPY\001\000\166\000' > bad.npy && printf '%-117s\n' "b'x'" >> bad.npy
run: ndmap show bad.npy; ndmap info bad.npy
status: 1
--- stderr
ndmap: ValueError: Header is not a dictionary: b'x'
ndmap: ValueError: Header is not a dictionary: b'x'
