# unsupported format version
setup: printf '\223NUMPY\004\000\166\000' > bad.npy
run: ndmap show bad.npy; ndmap info bad.npy
status: 1
--- stderr
ndmap: ValueError: we only support format version (1,0), (2,0), and (3,0), not (4, 0)
ndmap: ValueError: we only support format version (1,0), (2,0), and (3,0), not (4, 0)
