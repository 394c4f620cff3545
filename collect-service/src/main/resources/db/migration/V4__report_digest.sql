-- The digest of each stored report's document, so that a key sent again with a different report
-- is told apart from a retry of the same one (answered 422, the first report kept). Reports
-- stored before this migration have none and are taken as the same.
ALTER TABLE reports ADD COLUMN document_sha256 CHAR(64);
