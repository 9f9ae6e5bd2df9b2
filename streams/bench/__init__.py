"""``raqib bench``: throughput, alert latency and memory figures on the embedded broker."""
