/* 由 playbook docs 从 Playbook 生成，请勿手工修改。
   The site as a live tool, with no server: checklists that tick and keep their ticks in
   this browser, the classify form, the workflow diagram upright on a phone, a hint above
   tables wider than the screen, and emoji drawn from the site's own stylesheet. */
(function () {
  "use strict";

  var WORDS = {"incident_started": "\u4e8b\u4ef6\u5f00\u59cb\u4e8e {time}\uff1b\u5df2\u52fe\u9009 {done}/{total}", "kept_here": "\u52fe\u9009\u8bb0\u5f55\u53ea\u4fdd\u5b58\u5728\u672c\u6d4f\u89c8\u5668\u4e2d\u3002", "new_incident": "\u65b0\u4e8b\u4ef6", "no_incident": "\u5c1a\u65e0\u8fdb\u884c\u4e2d\u7684\u4e8b\u4ef6\uff1a\u52fe\u9009\u4efb\u4e00\u9879\u5373\u5f00\u59cb\u8bb0\u5f55\u3002", "scroll_hint": "\u2190 \u5de6\u53f3\u6ed1\u52a8\u67e5\u770b\u6574\u5f20\u8868\u683c \u2192", "ticked_at": "\u52fe\u9009\u4e8e", "undo": "\u64a4\u9500\uff1a\u6062\u590d\u4e0a\u4e00\u4e8b\u4ef6"};
  var EMOJI = {"\u2705": "2705", "\ud83d\udccb": "1f4cb", "\ud83d\udea8": "1f6a8"};

  /* The site's root: ticks are kept per site, so two playbooks opened from one disk
     (which browsers treat as one origin) never share them. */
  function siteRoot() {
    var base = ".";
    var config = document.getElementById("__config");
    try {
      base = JSON.parse(config.textContent).base || ".";
    } catch (error) {
      base = ".";
    }
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  var ROOT = siteRoot();
  var STORE = "playbook-as-code:" + ROOT.href;
  var PAGE = location.pathname.indexOf(ROOT.pathname) === 0
    ? location.pathname.slice(ROOT.pathname.length)
    : location.pathname;

  function each(selector, fn, scope) {
    Array.prototype.forEach.call((scope || document).querySelectorAll(selector), fn);
  }

  /* Mermaid scales a left-to-right flowchart down to the page's width: where its text
     would be drawn smaller than 12 px (on a phone, or with many phases), the diagram is
     drawn top to bottom instead. Its width left to right is what Mermaid makes of it: each
     box is its longest line and 60 px, with 50 px between boxes and 8 px at each end, in
     16 px text. Material reads the diagram once the page has loaded, after this script. */
  function lrWidth(source, font) {
    var measure = document.createElement("canvas").getContext("2d");
    measure.font = "16px " + font;
    var boxes = [];
    var label;
    var labels = /\["([^"]*)"\]/g;
    while ((label = labels.exec(source)) !== null) {
      var lines = label[1].replace(/#(\d+);/g, function (match, code) {
        return String.fromCodePoint(Number(code));
      }).split(/<br\s*\/?>/);
      boxes.push(Math.max.apply(null, lines.map(function (line) {
        return measure.measureText(line).width;
      })) + 60);
    }
    return boxes.reduce(function (sum, box) {
      return sum + box;
    }, 0) + Math.max(boxes.length - 1, 0) * 50 + 16;
  }

  function uprightDiagrams() {
    var font = getComputedStyle(document.body).fontFamily;
    each("pre.mermaid > code", function (code) {
      var source = code.textContent;
      if (/^\s*(?:flowchart|graph)\s+LR\b/.test(source) && lrWidth(source, font) * 12 / 16 > code.parentElement.clientWidth) {
        code.textContent = source.replace(/^(\s*(?:flowchart|graph))\s+LR\b/, "$1 TD");
      }
    });
  }

  /* Checklists ------------------------------------------------------------------------ */

  function load() {
    try {
      var state = JSON.parse(localStorage.getItem(STORE) || "{}");
      return state && typeof state === "object" ? state : {};
    } catch (error) {
      return {};
    }
  }

  function save(state) {
    try {
      localStorage.setItem(STORE, JSON.stringify(state));
    } catch (error) {
      return;
    }
  }

  function clock(iso) {
    var when = new Date(iso);
    var language = document.documentElement.lang || undefined;
    var time = when.toLocaleTimeString(language, { hour: "2-digit", minute: "2-digit" });
    if (when.toDateString() === new Date().toDateString()) {
      return time;
    }
    return when.toLocaleDateString(language) + " " + time;
  }

  function bar() {
    var box = document.createElement("div");
    box.className = "pb-incident";
    box.innerHTML =
      '<span class="pb-incident-status" role="status"></span>' +
      '<span class="pb-incident-actions">' +
      '<button type="button" class="md-button pb-new-incident"></button>' +
      '<button type="button" class="md-button pb-undo" hidden></button>' +
      "</span>" +
      '<small class="pb-incident-note"></small>';
    box.querySelector(".pb-new-incident").textContent = WORDS.new_incident;
    box.querySelector(".pb-undo").textContent = WORDS.undo;
    box.querySelector(".pb-incident-note").textContent = WORDS.kept_here;
    return box;
  }

  function place(box, list, article) {
    var block = list;
    while (block.parentElement && block.parentElement !== article) {
      block = block.parentElement;
    }
    var before = block.previousElementSibling;
    if (block === list && before && /^H[2-6]$/.test(before.tagName)) {
      block = before;
    }
    article.insertBefore(box, block);
  }

  function checklists() {
    var article = document.querySelector(".md-content article");
    var boxes = article ? article.querySelectorAll(".task-list-item input[type=checkbox]") : [];
    if (!boxes.length) {
      return;
    }
    var items = Array.prototype.map.call(boxes, function (box) {
      var item = box.closest("li");
      box.disabled = false;
      return { box: box, item: item, key: PAGE + "#" + item.textContent.replace(/\s+/g, " ").trim() };
    });
    var keys = {};
    items.forEach(function (entry) {
      keys[entry.key] = true;
    });
    var panel = bar();
    place(panel, items[0].box.closest("ul"), article);

    function show() {
      var state = load();
      var ticks = state.ticks || {};
      var done = Object.keys(keys).filter(function (key) {
        return ticks[key];
      }).length;
      items.forEach(function (entry) {
        var at = ticks[entry.key];
        entry.box.checked = Boolean(at);
        var stamp = entry.item.querySelector("time.pb-ticked");
        if (at && !stamp) {
          stamp = document.createElement("time");
          stamp.className = "pb-ticked";
          entry.item.appendChild(stamp);
        }
        if (at) {
          stamp.dateTime = at;
          stamp.textContent = clock(at);
          stamp.title = WORDS.ticked_at + " " + at;
        } else if (stamp) {
          stamp.remove();
        }
      });
      var status = panel.querySelector(".pb-incident-status");
      status.textContent = state.incident
        ? WORDS.incident_started
            .replace("{time}", clock(state.incident.started))
            .replace("{done}", String(done))
            .replace("{total}", String(Object.keys(keys).length))
        : WORDS.no_incident;
      panel.querySelector(".pb-undo").hidden = !(state.previous && !state.incident);
    }

    items.forEach(function (entry) {
      /* The item's words are part of its target too, for a thumb; not its links, nor a
         click that ends a selection of its text. */
      entry.item.addEventListener("click", function (event) {
        if (event.target.closest("a, label, input") || String(window.getSelection())) {
          return;
        }
        entry.box.click();
      });
      entry.box.addEventListener("change", function () {
        var state = load();
        var now = new Date().toISOString();
        state.ticks = state.ticks || {};
        if (entry.box.checked) {
          state.incident = state.incident || { started: now };
          state.ticks[entry.key] = now;
          state.previous = null;
        } else {
          delete state.ticks[entry.key];
        }
        save(state);
        show();
      });
    });
    panel.querySelector(".pb-new-incident").addEventListener("click", function () {
      var state = load();
      var previous = state.incident ? { incident: state.incident, ticks: state.ticks || {} } : state.previous;
      save({ incident: null, ticks: {}, previous: previous || null });
      show();
    });
    panel.querySelector(".pb-undo").addEventListener("click", function () {
      var state = load();
      if (state.previous) {
        save({ incident: state.previous.incident, ticks: state.previous.ticks, previous: null });
      }
      show();
    });
    window.addEventListener("storage", function (event) {
      if (event.key === STORE) {
        show();
      }
    });
    show();
  }

  /* The classify form ----------------------------------------------------------------- */

  function classify() {
    each(".pb-classify", function (form) {
      var data;
      try {
        data = JSON.parse(form.getAttribute("data-pb-data"));
      } catch (error) {
        return;
      }
      var matrix = form.getAttribute("data-pb-kind") === "matrix";
      var selects = form.querySelectorAll("select");

      function answer() {
        var chosen = null;
        if (matrix) {
          var impact = form.querySelector('select[name="impact"]').value;
          var reach = form.querySelector('select[name="reach"]').value;
          var row = Object.prototype.hasOwnProperty.call(data, reach) ? data[reach] : null;
          chosen = impact && row && Object.prototype.hasOwnProperty.call(row, impact) ? row[impact] : null;
        } else {
          Array.prototype.forEach.call(selects, function (select) {
            var level = select.value;
            if (level && (chosen === null || data[level] < data[chosen])) {
              chosen = level;
            }
          });
        }
        each(".pb-classify-answer", function (shown) {
          shown.hidden = shown.getAttribute("data-severity") !== chosen;
        }, form);
      }

      Array.prototype.forEach.call(selects, function (select) {
        select.addEventListener("change", answer);
      });
      form.setAttribute("aria-live", "polite");
      form.hidden = false;
      answer();
    });
  }

  /* Wide tables ----------------------------------------------------------------------- */

  function scrollHints() {
    each(".md-typeset__scrollwrap, .pb-scroll", function (box) {
      var wide = box.scrollWidth > box.clientWidth + 1;
      var hint = box.previousElementSibling;
      var hinted = hint !== null && hint.classList.contains("pb-scroll-hint");
      if (wide && !hinted) {
        hint = document.createElement("p");
        hint.className = "pb-scroll-hint";
        hint.textContent = WORDS.scroll_hint;
        box.parentNode.insertBefore(hint, box);
      } else if (!wide && hinted) {
        hint.remove();
      }
    });
  }

  /* Emoji ----------------------------------------------------------------------------- */

  function emoji() {
    var found = Object.keys(EMOJI).sort(function (a, b) {
      return b.length - a.length;
    });
    if (!found.length) {
      return;
    }
    var pattern = new RegExp(found.map(function (text) {
      return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|"), "gu");
    var skip = "script, style, textarea, select, option, svg, .mermaid, .pb-emoji";
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentElement;
        pattern.lastIndex = 0;
        return parent && !parent.closest(skip) && pattern.test(node.data)
          ? NodeFilter.FILTER_ACCEPT
          : NodeFilter.FILTER_REJECT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) {
      nodes.push(walker.currentNode);
    }
    nodes.forEach(function (node) {
      var parts = document.createDocumentFragment();
      var text = node.data;
      var last = 0;
      pattern.lastIndex = 0;
      text.replace(pattern, function (match, offset) {
        parts.appendChild(document.createTextNode(text.slice(last, offset)));
        var glyph = document.createElement("span");
        glyph.className = "pb-emoji";
        glyph.setAttribute("data-emoji", EMOJI[match]);
        glyph.textContent = match;
        parts.appendChild(glyph);
        last = offset + match.length;
        return match;
      });
      parts.appendChild(document.createTextNode(text.slice(last)));
      node.parentNode.replaceChild(parts, node);
    });
  }

  uprightDiagrams();
  emoji();
  checklists();
  classify();
  window.addEventListener("load", scrollHints);
  window.addEventListener("resize", scrollHints);
  document.addEventListener("change", function (event) {
    if (event.target.matches(".tabbed-set > input")) {
      scrollHints();
    }
  });
})();
