package dev.switchboard.ops.success;

/** A help-center category with its English and Chinese names. */
public record HelpCategory(long id, String code, String nameEn, String nameZh, int sortNo) {}
