-- The console's language a member of staff chose (a BCP 47 tag such as zh-CN or en); NULL follows the browser.
ALTER TABLE staff_user ADD COLUMN preferred_language VARCHAR(16);
