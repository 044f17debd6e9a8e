#!/usr/bin/env python
"""Django's manage.py, for those who expect it; ``baoshe`` is the same command."""

from baoshe.cli import main

if __name__ == "__main__":
    main()
