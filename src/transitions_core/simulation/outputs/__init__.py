"""What a sweep writes: CSV and Parquet rows, the summary with its bands, and plots."""
