# --version
run: ndmap --version
status: 0
--- stdout
ndmap 0.1.0 (libndmap 0.1.0)
