package dev.switchboard.demo.success;

import java.util.HashMap;
import java.util.Map;

/** Story texts per industry: title, practice. */
final class StoryTexts {
  Map<String, String[]> texts() {
    Map<String, String[]> m = new HashMap<>();
    m.put(
        "retail",
        new String[] {
          "门店来电统一接入，库存查询不再占线",
          "Every shop's number rings a ring group at the counter; after 20 s it forwards to the warehouse, whose staff check stock while the caller waits. Missed calls fell by half in a month."
        });
    m.put(
        "wholesale",
        new String[] {
          "批发订单电话分组接听",
          "Orders, returns and logistics each have an extension group; regular buyers dial the group directly. Peak-season calls per seat doubled without new hires."
        });
    m.put(
        "manufacturing",
        new String[] {
          "车间与办公室一键互通",
          "Desk phones in each workshop register to the same tenant, so the office reaches the line lead in one internal call instead of walkie-talkies."
        });
    m.put(
        "logistics",
        new String[] {
          "司机来电转值班调度",
          "Drivers call one number; night calls forward to the dispatcher on duty by the forwarding rules, with voicemail as the last resort."
        });
    m.put(
        "catering",
        new String[] {
          "订座电话不再漏接",
          "Reservation calls ring the front desk and the manager's mobile together; voicemail catches the rest and is called back before service."
        });
    m.put(
        "clinic",
        new String[] {
          "诊所预约与回访电话管理",
          "Front-desk extensions take bookings; nurses use a second extension for follow-up calls so patients always reach someone."
        });
    m.put(
        "education",
        new String[] {
          "校区咨询电话统一管理",
          "Each campus answers its own extension group; enquiries overflow to the head office, and weekly call counts guide staffing."
        });
    return m;
  }
}
