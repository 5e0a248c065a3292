"""Pure domain: immutable values and Decimal arithmetic. No Django, no I/O, no clock."""
