package dev.switchboard.demo.success;

import dev.switchboard.ops.success.HelpCenter;
import dev.switchboard.store.Database;
import java.time.Clock;

/** Categories, FAQ articles and standard answers in Chinese and English. */
final class HelpCenterSeed {
  private final HelpCenter help;

  HelpCenterSeed(Database db, Clock clock) {
    this.help = new HelpCenter(db, clock);
  }

  void seed() {
    if (!help.categories().isEmpty()) {
      return;
    }
    help.createCategory("getting-started", "Getting started", "快速入门", 1);
    help.createCategory("calls", "Calls and extensions", "通话与分机", 2);
    help.createCategory("billing", "Billing and invoices", "账单与发票", 3);
    help.createCategory("troubleshooting", "Troubleshooting", "故障排查", 4);
    faq("getting-started", "如何添加分机", "在控制台「分机」页点击新建，填写分机号和密码，话机用分机号@您的域名注册即可。");
    faq(
        "getting-started",
        "Registering a desk phone",
        "Enter the extension number, its password and your SIP domain as the registrar in the phone's account settings. The console shows it under Registrations within seconds.");
    faq("calls", "如何设置呼叫转移", "在分机设置里填写无条件转移、遇忙转移或无人接听转移的号码；无人接听等待时间可设为 5 到 300 秒。");
    faq(
        "calls",
        "Setting up voicemail",
        "Turn voicemail on for an extension. Callers who get no answer leave a message after the no-answer time.");
    faq(
        "calls",
        "Call forwarding to a mobile phone",
        "Set 'forward on no answer' to sip:your-mobile@your-domain; calls ring the desk phone first, then the mobile.");
    faq("calls", "如何查看通话记录", "在租户的「通话记录」页可按时间、分机和结果筛选，并导出为 CSV。");
    faq("billing", "发票什么时候开具", "首年费用在签约时开具发票；之后每年续约时开具年度服务费发票，账期 30 天。");
    faq(
        "billing",
        "Adding seats in the middle of a term",
        "New seats are billed pro rata for the rest of the current term and renew with the others.");
    faq("troubleshooting", "通话掉线怎么办", "请确认路由器关闭了 SIP ALG，并把话机的注册间隔设为 300 秒以内；仍有问题请提交工单。");
    faq(
        "troubleshooting",
        "One-way audio or no audio",
        "Usually NAT: disable SIP ALG on the router and allow outgoing UDP for RTP. Open a case with the time of the call if it persists.");
    answer(
        "troubleshooting",
        "标准答复：掉线排查",
        "您好，掉线多由路由器的 SIP ALG 引起。请按帮助中心「通话掉线怎么办」操作，如仍有问题我们安排工程师远程排查。");
    answer(
        "calls",
        "Standard answer: voicemail PIN",
        "Hello, the voicemail PIN can be reset on the extension's page in the console. I have reset it for you; the new PIN is in the message below.");
    answer("billing", "标准答复：发票抬头修改", "您好，发票抬头可在下一张发票前修改；已开具的发票我们会开具红字发票后重开。");
  }

  private void faq(String category, String title, String body) {
    help.create(category, "faq", title, body, true);
  }

  private void answer(String category, String title, String body) {
    help.create(category, "answer", title, body, true);
  }
}
