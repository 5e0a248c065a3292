"""Bill importers: bytes of an export from Alipay, WeChat Pay, JD, Meituan or a bank → transactions.

Pure functions; they know bill formats, not the database. Entry point: :func:`detect.import_bytes`.
"""
