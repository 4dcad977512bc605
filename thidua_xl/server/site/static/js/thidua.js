// thidua_xl task pane: save the access token, and offer the files the server makes as downloads
// (nothing is kept on the server). Scripts (xw-click buttons) are wired by xlwings' own client.
(function () {
  function show(text, isError) {
    const box = document.getElementById("thidua-message");
    if (!box) return;
    box.textContent = text;
    box.className = "small " + (isError ? "text-danger" : "text-success");
  }

  function tokenState() {
    const state = document.getElementById("thidua-token-state");
    let has = false;
    try {
      has = Boolean(globalThis.localStorage.getItem("thidua.token"));
    } catch (e) {
      has = false;
    }
    if (state) state.textContent = has ? "Đã lưu mã truy cập." : "Chưa có mã truy cập.";
  }

  async function download(button) {
    const kind = button.getAttribute("data-thidua-download");
    const include = button.getAttribute("data-include") || "";
    const auth = await globalThis.getAuth();
    button.setAttribute("disabled", "true");
    show("Đang làm…", false);
    try {
      let payload = {};
      if (include) {
        payload = await globalThis.xlwings.getBookData({ include: include });
      }
      const base = (globalThis.config && globalThis.config.appPath) || "";
      const response = await fetch(window.location.origin + base + "/thidua/tai-ve/" + kind, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Authorization: auth.token,
          "Auth-Provider": auth.provider,
        },
        body: JSON.stringify(payload),
      });
      if (!response.ok) {
        let text = await response.text();
        try {
          const data = JSON.parse(text);
          text = data.detail || text;
        } catch (e) {
          // plain text already
        }
        show(text, true);
        return;
      }
      const name = decodeURIComponent(response.headers.get("X-Thidua-Filename") || "thidua");
      const message = decodeURIComponent(response.headers.get("X-Thidua-Message") || "");
      const blob = await response.blob();
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = name;
      link.textContent = "Tải về " + name;
      const item = document.createElement("li");
      item.appendChild(link);
      document.getElementById("thidua-downloads").prepend(item);
      show(message, false);
    } catch (error) {
      show(String(error), true);
    } finally {
      button.removeAttribute("disabled");
    }
  }

  function init() {
    const save = document.getElementById("thidua-token-save");
    if (save) {
      save.addEventListener("click", function () {
        const input = document.getElementById("thidua-token");
        try {
          globalThis.localStorage.setItem("thidua.token", input.value.trim());
        } catch (e) {
          show("Không lưu được mã truy cập ở máy này.", true);
        }
        input.value = "";
        tokenState();
      });
    }
    document.querySelectorAll("[data-thidua-download]").forEach(function (button) {
      button.addEventListener("click", function () {
        download(button);
      });
    });
    tokenState();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
