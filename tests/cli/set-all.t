# ... selects everything
setup: printf '\000\001\002\003\004\005\006\007\010\011' > u8.bin
run: ndmap set u8.bin ... 255 && ndmap show u8.bin
status: 0
--- stdout
memmap([255, 255, 255, 255, 255, 255, 255, 255, 255, 255], dtype=uint8)
