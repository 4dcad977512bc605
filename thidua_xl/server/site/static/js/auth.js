// thidua_xl: the school's access token (issued by `thidua serve token add TRUONG`), kept in this add-in's
// local storage and sent with every script, function and download call (xlwings Server's "custom" auth).
globalThis.getAuth = async function () {
  let token = "";
  try {
    token = globalThis.localStorage.getItem("thidua.token") || "";
  } catch (e) {
    token = "";
  }
  return { token: token ? "Bearer " + token : "", provider: "custom" };
};
