#!/usr/bin/env bash
# Regenerates the spoken prompts (English and Mandarin) the services play, from the texts below,
# with espeak-ng and sox: 8 kHz mono 16-bit WAVs, silence trimmed, committed as resources so the
# build itself needs neither tool. Run it after changing a text, then commit the WAVs.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install $tool" >&2; exit 1; }
done
out=server/src/main/resources/dev/switchboard/server/services/prompts

declare -A en=(
  [leave-message]="Please leave a message after the tone."
  [mailbox-full]="The mailbox is full. Goodbye."
  [enter-pin]="Please enter your PIN, then press pound."
  [invalid-pin]="Invalid PIN."
  [you-have]="You have"
  [new-messages]="new messages."
  [menu]="Press 1 to listen again, 7 to delete, 9 to save, 6 for the next message."
  [no-more-messages]="No more messages."
  [deleted]="Message deleted."
  [saved]="Message saved."
  [invalid-input]="Invalid input. Please try again."
  [conference-pin]="Please enter the conference PIN, then press pound."
  [muted]="You are muted."
  [unmuted]="You are unmuted."
  [waiting-moderator]="Waiting for the moderator."
  [digit-0]="zero" [digit-1]="one" [digit-2]="two" [digit-3]="three" [digit-4]="four"
  [digit-5]="five" [digit-6]="six" [digit-7]="seven" [digit-8]="eight" [digit-9]="nine"
)
declare -A zh=(
  [leave-message]="请在提示音后留言。"
  [mailbox-full]="信箱已满。再见。"
  [enter-pin]="请输入密码，然后按井号键。"
  [invalid-pin]="密码错误。"
  [you-have]="您有"
  [new-messages]="条新留言。"
  [menu]="重听请按一，删除请按七，保存请按九，下一条请按六。"
  [no-more-messages]="没有更多留言。"
  [deleted]="留言已删除。"
  [saved]="留言已保存。"
  [invalid-input]="输入无效，请重试。"
  [conference-pin]="请输入会议密码，然后按井号键。"
  [muted]="您已静音。"
  [unmuted]="您已取消静音。"
  [waiting-moderator]="正在等待主持人。"
  [digit-0]="零" [digit-1]="一" [digit-2]="二" [digit-3]="三" [digit-4]="四"
  [digit-5]="五" [digit-6]="六" [digit-7]="七" [digit-8]="八" [digit-9]="九"
)

# $1 language directory, $2 espeak-ng voice, $3 name, $4 text
speak() {
  local raw
  raw=$(mktemp --suffix=.wav)
  espeak-ng -v "$2" -s 165 -w "$raw" "$4"
  mkdir -p "$out/$1"
  # Trim leading/trailing silence, then 8 kHz mono 16-bit PCM (what the services send as G.711).
  sox "$raw" -D -r 8000 -c 1 -b 16 -e signed-integer "$out/$1/$3.wav" \
    silence 1 0.02 1% reverse silence 1 0.02 1% reverse gain -n -3
  rm -f "$raw"
}

for name in "${!en[@]}"; do speak en en "$name" "${en[$name]}"; done
for name in "${!zh[@]}"; do speak zh cmn "$name" "${zh[$name]}"; done
echo "prompts written to $out"
