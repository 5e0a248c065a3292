/* 协商方案: each creditor's options are folded into its card (<details>). The form is never replaced by an
   update (htmx swaps the results and, out of band, each card's figures and messages), so a card a person opened
   stays open; a card whose fields now carry a message is opened so the message is seen. */
(function () {
  "use strict";
  function openCardsWithMessages() {
    document.querySelectorAll("details.creditor, details.more-settings").forEach(function (card) {
      if (card.querySelector(".field-err li")) { card.open = true; }
    });
  }
  document.addEventListener("DOMContentLoaded", openCardsWithMessages);
  document.addEventListener("htmx:afterSettle", openCardsWithMessages);
}());
