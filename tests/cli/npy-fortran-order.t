# fortran_order must be a bool
setup: printf '\223NUMPY\001\000\166\000' > bad.npy && printf '%-117s\n' "{'descr': '<f8', 'fortran_order': 0, 'shape': (3,)}" >> bad.npy
run: ndmap show bad.npy; ndmap info bad.npy
status: 1
--- stderr
ndmap: ValueError: fortran_order is not a valid bool: 0
ndmap: ValueError: fortran_order is not a valid bool: 0
