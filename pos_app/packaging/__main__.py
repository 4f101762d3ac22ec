"""``python -m pos_app.packaging build [--dist DIR] [--work DIR] [--windowed]``."""

import sys

from pos_app.packaging.build import main

sys.exit(main())
