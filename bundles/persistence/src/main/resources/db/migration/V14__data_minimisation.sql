-- Data minimisation (issue 13). Of the birth date only the year is kept: the age gate is decided on the
-- full date at sign-up, the year is enough to show that it was passed. Portable to H2 and MariaDB.
ALTER TABLE accounts ADD COLUMN birth_year INT;
UPDATE accounts SET birth_year = CAST(SUBSTRING(birth_date, 1, 4) AS SIGNED) WHERE birth_date IS NOT NULL;
ALTER TABLE accounts DROP COLUMN birth_date;
