"""raqib's pure core: no broker, no Faust, no HTTP. See docs/ARCHITECTURE.md."""
