-- Issue 14: the language of the spoken prompts a tenant's callers hear (en or zh; null is en).
ALTER TABLE pbx_settings ADD COLUMN prompt_language VARCHAR(8);
