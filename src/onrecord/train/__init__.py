"""Training code for the components onrecord ships (run through `onrecord train ...`)."""
