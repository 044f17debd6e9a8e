"""Demo and test tooling of baoshe: the demo paper 示例日报 and the e-paper PDF generator.

Not part of the runtime package: ``make install`` installs it from ``demo/`` for development
and the tests; a production install never does.
"""
