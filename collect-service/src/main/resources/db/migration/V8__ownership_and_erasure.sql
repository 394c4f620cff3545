-- Ownership and erasure. owner_sha256: the image of the machine's owner secret (see
-- MachineOwner in the spi), learned with the first report that carries one; proving the secret
-- shows or erases what is held. erased = 1: a machine erased while still counted; its row stays,
-- emptied of everything but what it adds to the counts, until the next statistics refresh takes
-- it out of them, and then goes.
ALTER TABLE machines ADD COLUMN owner_sha256 CHAR(64);
ALTER TABLE machines ADD COLUMN erased INTEGER NOT NULL DEFAULT 0;
CREATE INDEX machines_erased ON machines (machine_id) WHERE erased = 1;
CREATE INDEX daily_reports_machine_id ON daily_reports (machine_id);
