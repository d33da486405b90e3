# descr must be a dtype
setup: printf '\223NUMPY\001\000\166\000' > bad.npy && printf '%-117s\n' "{'descr': '<q9', 'fortran_order': False, 'shape': (3,)}" >> bad.npy
run: ndmap show bad.npy; ndmap info bad.npy
status: 1
--- stderr
ndmap: ValueError: descr is not a valid dtype descriptor: '<q9'
ndmap: ValueError: descr is not a valid dtype descriptor: '<q9'
