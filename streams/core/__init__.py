"""Pure domain code of raqib (no faust, aiokafka or httpx)."""
