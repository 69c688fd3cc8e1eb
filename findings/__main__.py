import sys

from findings.cli import main

sys.exit(main())
