# the header is not a Python literal
setup: printf '\223NUMPY\001\000\166\000' > bad.npy && printf '%-117s\n' "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)} x" >> bad.npy
run: ndmap show bad.npy; ndmap info bad.npy
status: 1
--- stderr
ndmap: ValueError: Cannot parse header: "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)} x                                                            \n"
ndmap: ValueError: Cannot parse header: "{'descr': '<f8', 'fortran_order': False, 'shape': (3,)} x                                                            \n"
