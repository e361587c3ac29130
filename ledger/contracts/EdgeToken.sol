// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {LedgerLog, Codes} from "./Ledger.sol";

/// The network's token: whole units (no decimals), minted by the deployer (genesis/faucet) and by the node
/// registry (epoch emissions, set once). It keeps the list of accounts that ever held tokens so that the
/// audit can sum balances on chain.
contract EdgeToken is ERC20, LedgerLog {
    address public immutable minter;
    address public rewarder;
    uint256 public totalMinted;
    address[] private holders;
    mapping(address => bool) private known;

    constructor() ERC20("EdgeProof", "EDGE") {
        minter = msg.sender;
    }

    function decimals() public pure override returns (uint8) {
        return 0;
    }

    function mint(address to, uint64 amount) external {
        require(msg.sender == minter, "minter only");
        _require(amount > 0, Codes.INVALID_REQUEST);
        _mint(to, amount);
        totalMinted += amount;
        _log(Codes.MINTED, 0, to, amount, Codes.NONE);
    }

    function setRewarder(address rewarder_) external {
        require(msg.sender == minter && rewarder == address(0), "set once by the minter");
        rewarder = rewarder_;
    }

    /// An epoch's emission, minted into the registry's reward pool (logged there as EPOCH_CLOSED).
    function mintReward(address to, uint64 amount) external {
        require(msg.sender == rewarder, "rewarder only");
        _mint(to, amount);
        totalMinted += amount;
    }

    /// Sum of the balances of every holder except the contracts that hold stake, escrow and bonds.
    function balancesExcept(address a, address b) external view returns (uint256 sum) {
        for (uint256 i = 0; i < holders.length; i++) {
            address h = holders[i];
            if (h != a && h != b) sum += balanceOf(h);
        }
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (to != address(0) && !known[to]) {
            known[to] = true;
            holders.push(to);
        }
    }
}
