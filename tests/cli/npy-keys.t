# missing key
setup: printf '\223NUMPY\001\000\166\000' > bad.npy && printf '%-117s\n' "{'descr': '<f8', 'shape': (3,)}" >> bad.npy
run: ndmap show bad.npy; ndmap info bad.npy
status: 1
--- stderr
ndmap: ValueError: Header does not contain the correct keys: ['descr', 'shape']
ndmap: ValueError: Header does not contain the correct keys: ['descr', 'shape']
