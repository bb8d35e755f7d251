-- SQLite's 029 writes mipres_paso's checks on tipo and estado as comparisons: SQLite tested
-- each list of constants against a temporary table it built for every statement.
-- PostgreSQL tests `x IN (...)` as an array of constants, without a table: nothing to do.
SELECT 1;
