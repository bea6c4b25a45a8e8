"""The extraction pool's fork server for a job of a few pages (workers.LIGHT_START_PAGES):
archive.extract.preload without dateparser's tables for every locale, 2 s of its start.
A worker that meets a date string no locale claims loads them itself."""

import gc

from .document import warm_up
from .workers import die_with_parent

die_with_parent()
warm_up(dates=False)
gc.freeze()  # as in archive.extract.preload
