// The article page: hovering, focusing or clicking a highlighted passage shows the coded records
// of the marks covering it (copies of the cards listed under the text, never markup built from
// strings); Enter or Space pins the card, Escape closes it. A fragment naming a mark
// (#event-e1) highlights every piece of that mark and opens its card.
(function () {
  "use strict";

  const text = document.getElementById("article-text");
  const card = document.getElementById("mark-card");
  if (!text || !card) {
    return;
  }
  const body = card.querySelector(".mark-card-body");
  const closer = card.querySelector(".mark-card-close");
  const MARK_ANCHOR = /^(event|quote|source|count|place|flag)-[A-Za-z0-9_-]+$/;
  let current = null;
  let pinned = false;

  function anchorsOf(segment) {
    return segment.dataset.marks.split(" ");
  }

  function copyOfCard(anchor) {
    const original = document.getElementById("record-" + anchor);
    if (!original) {
      return null;
    }
    const copy = document.createElement("section");
    copy.className = original.className;
    for (const child of original.childNodes) {
      copy.appendChild(child.cloneNode(true));
    }
    return copy;
  }

  // The card goes under the line of the segment at the pointer's height (under its last line
  // when opened from the keyboard), so it never covers the pointer.
  function place(segment, pointerY) {
    if (getComputedStyle(card).position === "fixed") {
      // A sheet at the bottom of a narrow screen: scroll the segment above it.
      const overlap = segment.getBoundingClientRect().bottom - card.getBoundingClientRect().top;
      if (overlap > -8) {
        window.scrollBy(0, overlap + 16);
      }
      return;
    }
    const host = card.offsetParent || document.body;
    const hostBox = host.getBoundingClientRect();
    const lines = Array.from(segment.getClientRects());
    const box =
      lines.find(function (line) {
        return pointerY >= line.top && pointerY <= line.bottom;
      }) ||
      lines[lines.length - 1] ||
      segment.getBoundingClientRect();
    const left = Math.max(0, Math.min(box.left - hostBox.left, hostBox.width - card.offsetWidth));
    card.style.left = left + "px";
    card.style.top = box.bottom - hostBox.top + 6 + "px";
  }

  function show(segment, pin, pointerY) {
    const copies = anchorsOf(segment).map(copyOfCard).filter(Boolean);
    body.replaceChildren(...copies);
    if (current) {
      current.classList.remove("is-active");
    }
    current = segment;
    pinned = pin;
    segment.classList.add("is-active");
    card.hidden = false;
    place(segment, pointerY);
  }

  function hide() {
    card.hidden = true;
    pinned = false;
    if (current) {
      current.classList.remove("is-active");
    }
  }

  function segmentOf(event) {
    return event.target instanceof Element ? event.target.closest(".seg") : null;
  }

  text.addEventListener("click", function (event) {
    const segment = segmentOf(event);
    if (segment) {
      show(segment, true, event.clientY);
    }
  });
  text.addEventListener("focusin", function (event) {
    const segment = segmentOf(event);
    if (segment) {
      show(segment, false);
    }
  });
  text.addEventListener("keydown", function (event) {
    const segment = segmentOf(event);
    if (segment && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      show(segment, true);
    }
  });
  // Hovering opens a card only where a pointer can hover beside a card: on a narrow screen the
  // card is a sheet at the bottom, opened by a tap.
  const hovering = window.matchMedia("(hover: hover) and (min-width: 701px)");
  text.addEventListener("mouseover", function (event) {
    const segment = segmentOf(event);
    if (hovering.matches && segment && !pinned && segment !== current) {
      show(segment, false, event.clientY);
    }
  });
  function leave(event) {
    const into = event.relatedTarget;
    const staying = into instanceof Node && (text.contains(into) || card.contains(into));
    if (!pinned && !staying && document.activeElement !== current) {
      hide();
    }
  }
  text.addEventListener("mouseleave", leave);
  card.addEventListener("mouseleave", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !card.hidden) {
      const segment = current;
      hide();
      if (segment && segment.hasAttribute("tabindex")) {
        segment.focus({ preventScroll: true });
      }
    }
  });
  closer.addEventListener("click", function () {
    const segment = current;
    hide();
    if (segment && segment.hasAttribute("tabindex")) {
      segment.focus({ preventScroll: true });
    }
  });
  window.addEventListener("resize", function () {
    if (!card.hidden && current) {
      place(current);
    }
  });

  function target() {
    const anchor = decodeURIComponent(window.location.hash.slice(1));
    if (!MARK_ANCHOR.test(anchor)) {
      return;
    }
    for (const old of text.querySelectorAll(".seg.is-target")) {
      old.classList.remove("is-target");
    }
    const pieces = Array.from(text.querySelectorAll(".seg")).filter(function (segment) {
      return anchorsOf(segment).includes(anchor);
    });
    if (pieces.length === 0) {
      return;
    }
    for (const piece of pieces) {
      piece.classList.add("is-target");
    }
    const first = pieces[0];
    first.scrollIntoView({ block: "center" });
    if (first.hasAttribute("tabindex")) {
      first.focus({ preventScroll: true });
    }
    show(first, true);
  }

  window.addEventListener("hashchange", target);
  target();
})();
