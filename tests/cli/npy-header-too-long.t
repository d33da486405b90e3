# max_header_size
setup: printf '\223NUMPY\002\000\021\047\000\000' > big.npy && printf '%10001s' '' >> big.npy
run: ndmap show big.npy; ndmap info big.npy
status: 1
--- stderr
ndmap: ValueError: Header info length (10001) is large and may not be safe to load securely.
To allow loading, adjust `max_header_size` or fully trust the `.npy` file using `allow_pickle=True`.
For safety against large resource use or crashes, sandboxing may be necessary.
ndmap: ValueError: Header info length (10001) is large and may not be safe to load securely.
To allow loading, adjust `max_header_size` or fully trust the `.npy` file using `allow_pickle=True`.
For safety against large resource use or crashes, sandboxing may be necessary.
