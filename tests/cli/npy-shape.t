# shape must be a tuple of ints
setup: printf '\223NUMPY\001\000\166\000' > bad.npy && printf '%-117s\n' "{'descr': '<f8', 'fortran_order': False, 'shape': [3]}" >> bad.npy
run: ndmap show bad.npy; ndmap info bad.npy
status: 1
--- stderr
ndmap: ValueError: shape is not valid: [3]
ndmap: ValueError: shape is not valid: [3]
