-- What a notification about an exchange says happened (the request's state when it was
-- written: pending, proposed, accepted, declined, withdrawn). Before, its line followed the
-- request's current state, so a proposal's notice read "declined" once it was answered.
ALTER TABLE notifications ADD COLUMN event TEXT NOT NULL DEFAULT '';
